package dev.authserver.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** IP literals are read without DNS and written in one canonical form. */
class IpAddressesTest {

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, 127.0.0.1", "' 10.0.0.7 ', 10.0.0.7", "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
			"[2001:db8::1], 2001:db8::1", "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "0:0:0:0:0:0:0:1, ::1",
			"2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "::ffff:192.0.2.1, 192.0.2.1", "fe80::, fe80::" })
	void canonicalWhenLiteralThenRfc5952Form(String literal, String canonical) {
		assertThat(IpAddresses.canonical(literal)).isEqualTo(canonical);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "localhost", "example.com", "256.1.1.1", "1.2.3", "1.2.3.4.5", "127.1", "2001:db8::zz",
			"fe80::1%eth0", "::1:", "1.2.3.4:8080", "unknown", "-" })
	void canonicalWhenNotALiteralThenNull(String text) {
		assertThat(IpAddresses.canonical(text)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "192.0.2.1, 192.0.2.1", "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64", "2001:db8:1:2::, 2001:db8:1:2::/64" })
	void clientGroupWhenAddressThenItselfOrItsSlashSixtyFour(String address, String group) {
		assertThat(IpAddresses.clientGroup(address)).isEqualTo(group);
	}

}
