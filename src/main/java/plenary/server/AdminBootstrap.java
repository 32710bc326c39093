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
 * server ever prints, and only the first time. A generated password sits in a log, so it only
 * serves to choose a new one: until then the account cannot sign in.
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
            throw new StartRefused("PLENARY_ADMIN_PASSWORD is not acceptable: " + problem);
        });
        User admin = new User(ids.get(), "admin", "Administrator", true);
        people.createUser(admin, hasher.hash(password));
        if (generated) {
            people.requirePasswordChange(admin.id());
            LOG.warn("Created the admin account. Its password, shown only this once: {}", password);
            LOG.warn("Sign in as admin with it to choose a new password: it is good for nothing else");
        } else {
            LOG.info("Created the admin account with the password from PLENARY_ADMIN_PASSWORD");
        }
    }
}
