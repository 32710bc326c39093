package plenary.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import plenary.people.PasswordHasher;
import plenary.people.PasswordRules;
import plenary.people.Tokens;
import plenary.people.User;
import plenary.store.PeopleRepository;

import java.util.function.Supplier;

/**
 * On first start (no accounts yet) creates the {@code admin} account. Its password comes from
 * {@code PLENARY_ADMIN_PASSWORD}, or is generated and shown once: this is the only secret the
 * server ever prints, and only the first time.
 */
final class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private AdminBootstrap() {
    }

    static void ensureAdmin(PeopleRepository people, PasswordHasher hasher, Supplier<String> ids, String configured) {
        if (people.countUsers() > 0) {
            return;
        }
        boolean generated = configured == null;
        String password = generated ? Tokens.newToken().substring(0, 24) : configured;
        PasswordRules.problem("admin", password).ifPresent(problem -> {
            throw new IllegalArgumentException("PLENARY_ADMIN_PASSWORD is not acceptable: " + problem);
        });
        people.createUser(new User(ids.get(), "admin", "Administrator", true), hasher.hash(password));
        if (generated) {
            LOG.warn("Created the admin account. Its password, shown only this once: {}", password);
        } else {
            LOG.info("Created the admin account with the password from PLENARY_ADMIN_PASSWORD");
        }
    }
}
