package dev.authserver.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.authserver.problem.ApiProblem;
import dev.authserver.problem.ProblemResponseWriter;

/**
 * Refuses request bodies over 64 KiB with 413 (docs/security.md): at once when the
 * {@code Content-Length} says so, and while reading when the body comes in chunks. No
 * endpoint takes more than a few hundred bytes.
 */
public final class RequestSizeLimitFilter extends OncePerRequestFilter {

	/** 64 KiB. */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	private final ProblemResponseWriter writer;

	RequestSizeLimitFilter(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			// Tomcat need not read a body we refuse: close the connection after answering
			response.setHeader("Connection", "close");
			this.writer.write(response, ApiProblem.PAYLOAD_TOO_LARGE.toProblemDetail(tooLarge()));
			return;
		}
		chain.doFilter((request.getContentLengthLong() < 0) ? new LimitedRequest(request) : request, response);
	}

	static String tooLarge() {
		return "The request body is over " + MAX_BODY_BYTES / 1024 + " KiB";
	}

	/** Thrown while reading a chunked body past the limit; answered with 413. */
	public static final class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super(tooLarge(), null);
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream());
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private long read;

		LimitedInputStream(ServletInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			this.read += n;
			if (this.read > MAX_BODY_BYTES) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
