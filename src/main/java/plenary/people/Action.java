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
    /** See the meeting's pending invitations (never their links). */
    LIST_INVITATIONS,
    /** Revoke a pending invitation, so its link no longer works. */
    REVOKE_INVITATION,
    /** Change a member's role or delegation, or remove them. */
    MANAGE_MEMBERS,
    /**
     * Add an existing account of the installation to the meeting directly, without an invitation
     * (installation-wide power: admins only; a chair invites, and the person accepts).
     */
    ADD_MEMBER,
    /** Create a meeting (installation-wide: admins only). */
    CREATE_MEETING,
    /** Draft, table, co-sponsor or withdraw an amendment for one's delegation. */
    TABLE_AMENDMENT,
    /** Post, edit or delete one's comments; resolve threads (one's own, or any as rapporteur or chair). */
    COMMENT,
    /** Indicate a delegation's support, opposition or abstention on an amendment (a straw poll). */
    INDICATIVE_VOTE,
    /** Accept or reject an amendment, or merge a compromise text. */
    DECIDE_AMENDMENT,
    /** Mark a paragraph bracketed, agreed ad ref or agreed. */
    SET_CLAUSE_STATUS,
    /** Open and close phases, call, open and close formal votes, start a silence procedure. */
    RUN_PROCEDURE,
    /** Register a delegation as present in a formal vote and cast its ballot. */
    CAST_BALLOT,
    /** Break silence on a paragraph, with a reason. */
    BREAK_SILENCE,
    /** Declare the document adopted, which freezes it. */
    ADOPT,
    /** Read the audit log of a document's negotiation. */
    READ_AUDIT
}
