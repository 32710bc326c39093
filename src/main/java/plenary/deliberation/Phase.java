package plenary.deliberation;

/** The windows the chair opens and closes. */
public enum Phase {
    /** Delegations may table and co-sponsor amendments. */
    TABLING,
    /** Comments may be posted and edited. */
    COMMENTS,
    /** Formal votes may be called and held. */
    VOTING
}
