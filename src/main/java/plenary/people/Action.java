package plenary.people;

/**
 * Everything a request or a live message can ask to do inside a meeting. Each one must appear in
 * {@link PermissionPolicy}'s table; a test fails when one is added without a decision.
 */
public enum Action {
    /** See the meeting, its documents and their history; join the live socket to follow along. */
    READ,
    /** Download a document (Markdown now; HTML and PDF later). */
    EXPORT,
    /** Import a new draft into the meeting. */
    CREATE_DOCUMENT,
    /** Change a draft's text or structure live. */
    EDIT_TEXT,
    /** See who belongs to the meeting and in which role. */
    LIST_MEMBERS,
    /** Send an invitation link to join the meeting. */
    INVITE_MEMBER,
    /** Change a member's role or delegation, or remove them. */
    MANAGE_MEMBERS,
    /** Create a meeting (installation-wide: admins only). */
    CREATE_MEETING
}
