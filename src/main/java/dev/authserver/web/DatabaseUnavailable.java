package dev.authserver.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Tells a failure of the database's availability (it cannot be reached, or did not answer in
 * time) from any other error, through the whole chain of causes: Spring's translations, JPA's
 * wrappers, a transaction that could not be committed or rolled back (its connection was
 * lost), the pool's and the driver's own exceptions, and the SQLSTATE classes of a lost
 * connection (08), an operator's or a crash's shutdown (57P), a cancelled statement (57014), a
 * lock not had in time (55P03) and too many connections (53300).
 */
final class DatabaseUnavailable {

	private DatabaseUnavailable() {
	}

	static boolean causes(Throwable failure) {
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof QueryTimeoutException || cause instanceof TransactionTimedOutException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof RecoverableDataAccessException || cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof SQLTimeoutException || cause instanceof ConnectException
					|| cause instanceof jakarta.persistence.QueryTimeoutException
					|| cause instanceof jakarta.persistence.LockTimeoutException
					|| cause instanceof org.hibernate.exception.JDBCConnectionException
					|| cause instanceof org.hibernate.TransactionException
					|| cause instanceof org.springframework.transaction.TransactionSystemException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.startsWith("08") || state.startsWith("57P") || state.equals("57014") || state.equals("55P03")
						|| state.equals("53300")) {
					return true;
				}
			}
		}
		return false;
	}

}
