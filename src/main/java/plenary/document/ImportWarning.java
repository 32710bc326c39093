package plenary.document;

/**
 * Something in an imported draft that was read, but perhaps not as its author meant, or that will
 * be missing from what is printed; the import goes ahead and says so.
 *
 * @param code    stable, for programs: {@code no-front-matter}, {@code no-symbol},
 *                {@code operative-without-verb}, {@code sub-list-indentation}
 * @param message for people, in English
 */
public record ImportWarning(String code, String message) {
}
