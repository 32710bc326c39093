package plenary.http;

import plenary.live.Sequencers;
import plenary.search.SearchIndex;
import plenary.people.LoginThrottle;
import plenary.people.PasswordHasher;
import plenary.store.DocumentRepository;
import plenary.store.PeopleRepository;

import java.time.Clock;
import java.util.function.Supplier;

/** What the HTTP layer is built from: the stores, the sequencers, the search index, and its settings. */
public record HttpServices(DocumentRepository documents, PeopleRepository people, Sequencers sequencers,
                           Supplier<String> ids, Clock clock, PasswordHasher hasher, LoginThrottle throttle,
                           long bodyLimit, LiveLimits liveLimits, boolean secureCookies, SearchIndex search) {
}
