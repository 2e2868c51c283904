package dev.authserver.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows of every table that a refused request must leave alone (the error table in the README).
 *
 * @param tables each table's rows, one string per row
 */
record StoredRows(Map<String, List<String>> tables) {

	// The tables stay small, since almost every fuzzed request is refused: the rows themselves
	// are the cheapest digest that still names what changed. login_failures is left out:
	// counting failed logins is its purpose (docs/security.md).

	private static final Map<String, String> QUERIES = Map.of("users", "select * from users order by id",
			"user_roles", "select * from user_roles order by user_id, role",
			"sessions", "select * from sessions order by id",
			"refresh_tokens", "select * from refresh_tokens order by jti",
			"revocations", "select * from revocations order by seq");

	static StoredRows read(JdbcTemplate jdbc) {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		QUERIES.forEach((table, query) -> tables.put(table, jdbc.query(query, (row, number) -> {
			StringJoiner columns = new StringJoiner(" | ");
			for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
				columns.add(row.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT) + "=" + row.getString(i));
			}
			return columns.toString();
		})));
		return new StoredRows(tables);
	}

	/** What another reading has that this one has not, and the other way round; empty when equal. */
	List<String> differencesTo(StoredRows later) {
		List<String> differences = new ArrayList<>();
		this.tables.forEach((table, rows) -> {
			List<String> after = later.tables.get(table);
			after.stream().filter((row) -> !rows.contains(row)).forEach((row) -> differences.add(table + " + " + row));
			rows.stream().filter((row) -> !after.contains(row)).forEach((row) -> differences.add(table + " - " + row));
		});
		return differences;
	}

}
