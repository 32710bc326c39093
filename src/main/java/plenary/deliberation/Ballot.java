package plenary.deliberation;

/** One delegation's ballot; {@code voter} is the person who cast it, shown only for a roll call. */
public record Ballot(String delegation, String voter, BallotChoice choice) {
}
