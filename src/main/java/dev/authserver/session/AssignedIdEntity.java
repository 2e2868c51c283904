package dev.authserver.session;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An entity whose id the application assigns before saving. Spring Data cannot tell such
 * an entity is new from its id, so {@code save} would merge it, reading the row first; this
 * says so instead, and a login inserts its session and first token without a read.
 */
@MappedSuperclass
abstract class AssignedIdEntity<ID> implements Persistable<ID> {

	/** True from construction until stored; entities the persistence context loads are not new. */
	@Transient
	private boolean created = true;

	@Override
	public boolean isNew() {
		return this.created;
	}

	@PostLoad
	@PostPersist
	void markStored() {
		this.created = false;
	}

}
