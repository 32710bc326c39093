package plenary.amendment;

/** Where an amendment is in its life: draft, tabled, and then one of the ends. */
public enum AmendmentState {
    DRAFT,
    TABLED,
    WITHDRAWN,
    ACCEPTED,
    /** Accepted in a form the rapporteur changed, or as a compromise text. */
    ACCEPTED_WITH_CHANGES,
    REJECTED,
    /** Overtaken by a compromise that took its place. */
    SUPERSEDED;

    /** Still before the room: it can be co-sponsored, voted on indicatively, merged or rejected. */
    public boolean pending() {
        return this == DRAFT || this == TABLED;
    }
}
