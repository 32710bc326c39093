package plenary.negotiation;

import plenary.people.Action;

/**
 * Which action of the permission policy each command needs. The switch has no default: a new
 * command does not compile until it has its row here.
 */
public final class CommandAction {
    private CommandAction() {
    }

    public static Action of(Command command) {
        return switch (command) {
            case Command.DraftAmendment c -> Action.TABLE_AMENDMENT;
            case Command.TableAmendment c -> Action.TABLE_AMENDMENT;
            case Command.WithdrawAmendment c -> Action.TABLE_AMENDMENT;
            case Command.Cosponsor c -> Action.TABLE_AMENDMENT;
            case Command.AcceptAmendment c -> Action.DECIDE_AMENDMENT;
            case Command.RejectAmendment c -> Action.DECIDE_AMENDMENT;
            case Command.Compromise c -> Action.DECIDE_AMENDMENT;
            case Command.IndicativeVote c -> Action.INDICATIVE_VOTE;
            case Command.PostComment c -> Action.COMMENT;
            case Command.EditComment c -> Action.COMMENT;
            case Command.DeleteComment c -> Action.COMMENT;
            case Command.ResolveThread c -> Action.COMMENT;
            case Command.SetClauseStatus c -> Action.SET_CLAUSE_STATUS;
            case Command.SetPhase c -> Action.RUN_PROCEDURE;
            case Command.CallVote c -> Action.RUN_PROCEDURE;
            case Command.OpenVote c -> Action.RUN_PROCEDURE;
            case Command.CloseVote c -> Action.RUN_PROCEDURE;
            case Command.StartSilence c -> Action.RUN_PROCEDURE;
            // The deadline concludes a silence procedure; a chair asking early is running the procedure.
            case Command.ConcludeSilence c -> Action.RUN_PROCEDURE;
            case Command.RegisterPresence c -> Action.CAST_BALLOT;
            case Command.CastBallot c -> Action.CAST_BALLOT;
            case Command.BreakSilence c -> Action.BREAK_SILENCE;
            case Command.Adopt c -> Action.ADOPT;
        };
    }
}
