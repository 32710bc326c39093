package plenary.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.people.PasswordHasher;
import plenary.people.Role;
import plenary.people.User;
import plenary.store.PeopleRepository;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code --demo}: one account per role in the sample meeting, with known passwords, so a newcomer
 * can try every role at once. Never part of a production start.
 */
final class DemoSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    static final String PASSWORD = "plenary-demo-2026";

    record DemoUser(String username, String displayName, Role role, String delegation) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("chair", "Chair (demo)", Role.CHAIR, null),
            new DemoUser("rapporteur", "Rapporteur (demo)", Role.RAPPORTEUR, null),
            new DemoUser("graz", "Delegate of the City of Graz (demo)", Role.DELEGATE, "City of Graz"),
            new DemoUser("gwangju", "Delegate of Gwangju Metropolitan City (demo)", Role.DELEGATE, "Gwangju Metropolitan City"),
            new DemoUser("uclg", "Delegate of UCLG (demo)", Role.DELEGATE, "UCLG"),
            new DemoUser("observer", "Observer (demo)", Role.OBSERVER, null));

    private DemoSeeder() {
    }

    /** Adds the demo accounts to the sample meeting, whenever the server starts with --demo. */
    static void seedSampleMeeting(PeopleRepository people, PasswordHasher hasher, Supplier<String> ids) {
        people.meetings().stream().filter(m -> m.name().equals(SampleSeeder.MEETING_NAME)).findFirst().ifPresentOrElse(
                meeting -> seed(people, hasher, ids, meeting.id()),
                () -> LOG.warn("--demo: there is no sample meeting to add demo accounts to (started with --no-samples?)"));
    }

    static void seed(PeopleRepository people, PasswordHasher hasher, Supplier<String> ids, String meetingId) {
        String hash = hasher.hash(PASSWORD);
        for (DemoUser demo : USERS) {
            User user = people.userByName(demo.username()).orElseGet(() -> {
                User created = new User(ids.get(), demo.username(), demo.displayName(), false);
                people.createUser(created, hash);
                return created;
            });
            people.putMembership(meetingId, user.id(), demo.role(), demo.delegation());
        }
        LOG.info("Demo accounts {} are members of the sample meeting (password in the README)",
                USERS.stream().map(DemoUser::username).toList());
    }
}
