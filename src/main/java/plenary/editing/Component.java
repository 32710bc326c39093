package plenary.editing;

/**
 * One step of a {@link TextOp}. Every length is in UTF-16 code units, so Java {@code String}
 * indices and JavaScript string indices agree without conversion.
 */
public sealed interface Component permits Component.Retain, Component.Insert, Component.Delete {

    /** Largest retain or delete count; the wire form carries counts as 32-bit integers. */
    int MAX_COUNT = Integer.MAX_VALUE;

    /** Code units this component covers in the old text (retain, delete) or adds (insert). */
    int length();

    /** Keep {@code count} code units unchanged. */
    record Retain(int count) implements Component {
        public Retain {
            if (count <= 0) {
                throw new InvalidOperationException("retain count must be positive, got " + count);
            }
        }

        @Override
        public int length() {
            return count;
        }
    }

    /** Insert {@code text} at the current position. */
    record Insert(String text) implements Component {
        public Insert {
            if (text == null || text.isEmpty()) {
                throw new InvalidOperationException("insert text must be non-empty");
            }
        }

        @Override
        public int length() {
            return text.length();
        }
    }

    /** Remove {@code count} code units. */
    record Delete(int count) implements Component {
        public Delete {
            if (count <= 0) {
                throw new InvalidOperationException("delete count must be positive, got " + count);
            }
        }

        @Override
        public int length() {
            return count;
        }
    }
}
