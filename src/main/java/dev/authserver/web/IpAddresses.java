package dev.authserver.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address literals, read without ever asking DNS, and written in one canonical form:
 * dotted decimal for IPv4 (an IPv4-mapped IPv6 address included), RFC 5952 for IPv6.
 */
public final class IpAddresses {

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private IpAddresses() {
	}

	/** The address this literal names, or {@code null} if it is not an IPv4 or IPv6 literal. */
	public static InetAddress parse(String text) {
		if (text == null) {
			return null;
		}
		String literal = text.strip();
		if (literal.length() > 2 && literal.charAt(0) == '[' && literal.charAt(literal.length() - 1) == ']') {
			literal = literal.substring(1, literal.length() - 1);
		}
		Matcher ipv4 = IPV4.matcher(literal);
		try {
			if (ipv4.matches()) {
				byte[] bytes = new byte[4];
				for (int i = 0; i < 4; i++) {
					int octet = Integer.parseInt(ipv4.group(i + 1));
					if (octet > 255) {
						return null;
					}
					bytes[i] = (byte) octet;
				}
				return InetAddress.getByAddress(bytes);
			}
			if (literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches()) {
				// in brackets, the JDK parses the literal and never falls back to a lookup
				return InetAddress.getByName("[" + literal + "]");
			}
		}
		catch (UnknownHostException ex) {
			return null;
		}
		return null;
	}

	/** The canonical text of a literal, or {@code null} if it is none. */
	public static String canonical(String text) {
		InetAddress address = parse(text);
		return (address != null) ? format(address) : null;
	}

	/** Dotted decimal, or RFC 5952 section 4: lower case, no leading zeros, the longest run of zeros as {@code ::}. */
	public static String format(InetAddress address) {
		if (address instanceof Inet4Address) {
			return address.getHostAddress();
		}
		byte[] bytes = address.getAddress();
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8; i++) {
			int length = 0;
			while (i + length < 8 && groups[i + length] == 0) {
				length++;
			}
			if (length > bestLength) {
				bestStart = i;
				bestLength = length;
			}
			i += length;
		}
		StringBuilder text = new StringBuilder(39);
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

	/**
	 * The group of addresses one client may hold: the address itself for IPv4, its /64 for
	 * IPv6, the prefix a single site or subscriber is given (RFC 6177).
	 */
	public static String clientGroup(String address) {
		InetAddress parsed = parse(address);
		if (!(parsed instanceof Inet6Address)) {
			return address;
		}
		byte[] prefix = parsed.getAddress();
		java.util.Arrays.fill(prefix, 8, 16, (byte) 0);
		try {
			return format(InetAddress.getByAddress(prefix)) + "/64";
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
