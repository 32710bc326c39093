package plenary.http;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import plenary.people.Role;
import plenary.store.PeopleRepository.MembershipChange;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a live socket asks on every message: has the membership it was opened with changed since its
 * role was read? A demotion followed by a promotion back to the same role is a change: a frame that
 * waited in the socket's buffer while both were answered must not be carried out in the old role
 * (the race DemotionRaceTest once lost on a busy machine, round 19 of 40).
 */
class CurrentRolesTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void aChangeBackToTheSameRoleStillCountsAsAChange() {
        CurrentRoles roles = CurrentRoles.of(vertx);
        long mark = roles.now();
        assertTrue(roles.unchangedSince("m1", "u1", mark), "nothing changed yet");

        roles.commit("m1", "u1", () -> new MembershipChange(true, Role.OBSERVER, 0));
        roles.commit("m1", "u1", () -> new MembershipChange(true, Role.RAPPORTEUR, 0));
        assertFalse(roles.unchangedSince("m1", "u1", mark), "demoted and promoted back after the role was read");

        long reopened = roles.now();
        assertTrue(roles.unchangedSince("m1", "u1", reopened), "a socket opened after both changes holds");
    }

    @Test
    void onlyTheChangedMembershipCounts() {
        CurrentRoles roles = CurrentRoles.of(vertx);
        long mark = roles.now();
        roles.commit("m1", "u1", () -> new MembershipChange(true, null, 0));
        assertFalse(roles.unchangedSince("m1", "u1", mark), "removed");
        assertTrue(roles.unchangedSince("m1", "u2", mark), "someone else in the meeting");
        assertTrue(roles.unchangedSince("m2", "u1", mark), "the same person in another meeting");
    }

    @Test
    void aRefusedChangeIsNotRecorded() {
        CurrentRoles roles = CurrentRoles.of(vertx);
        long mark = roles.now();
        roles.commit("m1", "u1", () -> new MembershipChange(false, null, 0));
        assertTrue(roles.unchangedSince("m1", "u1", mark), "a change that did not happen ends no socket");
    }
}
