package dev.authserver.user;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface UserRepository extends JpaRepository<UserAccount, UUID> {

	Optional<UserAccount> findByUsernameKey(String usernameKey);

	boolean existsByUsernameKey(String usernameKey);

	@Query("select count(u) > 0 from UserAccount u join u.roles r where r = :role")
	boolean existsWithRole(@Param("role") String role);

}
