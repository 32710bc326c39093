package plenary.http;

import plenary.live.Sequencers;
import plenary.search.SearchIndex;
import plenary.people.LoginThrottle;
import plenary.people.PasswordHasher;
import plenary.store.DocumentRepository;
import plenary.store.PeopleRepository;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the HTTP layer is built from: the stores, the sequencers, the search index, and its settings.
 *
 * @param publicOrigins  the origins browsers reach the server at (empty: the request's own host)
 * @param trustedProxies reverse proxies whose {@code X-Forwarded-For} is believed
 * @param webDir         where the page is served from; null: the copy inside the jar
 * @param work           how much import and export work may wait
 */
public record HttpServices(DocumentRepository documents, PeopleRepository people, Sequencers sequencers,
                           Supplier<String> ids, Clock clock, PasswordHasher hasher, LoginThrottle throttle,
                           long bodyLimit, LiveLimits liveLimits, boolean secureCookies, SearchIndex search,
                           List<String> publicOrigins, List<String> trustedProxies, Path webDir,
                           String metricsToken, WorkLimits work) {
}
