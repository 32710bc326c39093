package plenary.negotiation;

/** What an event changed, for people: "amendment A-3", "tabled" → "accepted". */
public record Transition(String subject, String before, String after) {
}
