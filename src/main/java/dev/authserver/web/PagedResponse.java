package dev.authserver.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/**
 * One page of a listing, in the shape of Spring Data's {@code PagedModel}: the items, then
 * where the page lies.
 *
 * @param content the items on this page
 * @param page where this page lies
 * @param <T> what is listed
 */
public record PagedResponse<T>(List<T> content, PageMetadata page) {

	/** The page of entities, each shown as {@code view} makes it. */
	public static <E, T> PagedResponse<T> of(Page<E> page, Function<E, T> view) {
		return new PagedResponse<>(page.getContent().stream().map(view).toList(), new PageMetadata(page.getSize(),
				page.getNumber(), page.getTotalElements(), page.getTotalPages()));
	}

	/**
	 * @param size the page size asked for
	 * @param number the page number, from 0
	 * @param totalElements the number of items in all pages
	 * @param totalPages the number of pages
	 */
	public record PageMetadata(int size, int number, long totalElements, int totalPages) {
	}

}
