package plenary.document;

/**
 * The text a parser reads, counting the reads: every {@value #CHECK_EVERY} of them it takes them
 * from the allowance and asks the budget about its deadline and cancellation, and once the
 * allowance is spent it throws, at that check and every later one, which unwinds the parser. Used
 * by one thread at a time.
 */
final class BudgetedText implements CharSequence {
    static final int CHECK_EVERY = 4096;

    private final String text;
    private final ParseBudget budget;
    private final long allowance;
    private long left;
    private int untilCheck = CHECK_EVERY;
    private boolean armed = true;

    BudgetedText(String text, ParseBudget budget, long allowance) {
        this.text = text;
        this.budget = budget;
        this.allowance = allowance;
        this.left = allowance;
    }

    @Override
    public char charAt(int index) {
        if (--untilCheck == 0) {
            untilCheck = CHECK_EVERY;
            if (armed) {
                left -= CHECK_EVERY;
                if (left < 0) {
                    throw new DocumentException("the Markdown needs more work to read than " + allowance
                            + " steps for its " + text.length() + " characters; long runs of unclosed links, "
                            + "brackets or code marks do that: close them or split the text");
                }
                budget.check();
            }
        }
        return text.charAt(index);
    }

    /** After parsing: the tree reads its text freely. */
    void disarm() {
        armed = false;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
