package plenary.http;

/** Thrown (or failed with) by handlers to answer with a problem; carries no stack trace. */
public class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail() != null ? problem.detail() : problem.title(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
