package dev.authserver.user;

import java.util.List;

import org.springframework.data.domain.Page;

/**
 * One page of accounts, in the shape of Spring Data's {@code PagedModel}.
 *
 * @param content the accounts on this page
 * @param page where this page lies
 */
record UserPage(List<UserView> content, PageMetadata page) {

	static UserPage of(Page<UserAccount> page) {
		return new UserPage(page.getContent().stream().map(UserView::of).toList(), new PageMetadata(page.getSize(),
				page.getNumber(), page.getTotalElements(), page.getTotalPages()));
	}

	/**
	 * @param size the page size asked for
	 * @param number the page number, from 0
	 * @param totalElements the number of accounts
	 * @param totalPages the number of pages
	 */
	record PageMetadata(int size, int number, long totalElements, int totalPages) {
	}

}
