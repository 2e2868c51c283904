package dev.authserver.problem;

import java.util.Comparator;
import java.util.List;

import org.springframework.http.ProblemDetail;

/**
 * One failing field of a {@code validation_failed} problem.
 *
 * @param field the field as the client named it
 * @param detail what is wrong with it
 */
public record FieldProblem(String field, String detail) {

	/** The problem for these failing fields: sorted, and named in the detail. */
	public static ProblemDetail validationFailed(List<FieldProblem> errors) {
		List<FieldProblem> sorted = errors.stream()
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::detail))
			.toList();
		String fields = String.join(", ", sorted.stream().map(FieldProblem::field).distinct().toList());
		ProblemDetail problem = ApiProblem.VALIDATION_FAILED.toProblemDetail("Invalid fields: " + fields);
		problem.setProperty("errors", sorted);
		return problem;
	}

}
