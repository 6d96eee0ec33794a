package eu.delisting.gateway.notices;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the notices' appended changes (V16: a filing's inserted notices, and the triggers' state changes and
 * deletes) into the tally the gauges read: every few seconds, on whichever replica takes the fold's turn (the
 * others skip it), in rounds of at most {@value #ROUND} changes, each round one transaction (the turn, the committed
 * changes read, their sums added to the tally, the changes removed). A round that fails leaves the changes where they
 * were; the next fold, here or elsewhere, adds them once. An uncounted tally is counted first.
 */
@ApplicationScoped
public class NoticeTally {

    static final int ROUND = 5_000;
    /** At most this many rounds a fold: writers that outpace it are caught up by the next one. */
    private static final int MAX_ROUNDS = 200;
    private static final Logger LOG = Logger.getLogger(NoticeTally.class);
    private static final Comparator<NoticeTallyRepository.Key> KEY_ORDER = Comparator
            .comparing(NoticeTallyRepository.Key::addressee).thenComparing(NoticeTallyRepository.Key::status);

    private final NoticeTallyRepository tally;
    private final Clock clock;
    private volatile boolean failing;
    private volatile boolean stopping;

    NoticeTally(NoticeTallyRepository tally, Clock clock) {
        this.tally = tally;
        this.clock = clock;
    }

    void stop(@Observes ShutdownEvent stopping) {
        this.stopping = true;
    }

    @Scheduled(every = "${gateway.metrics.tally-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (stopping) {
            // The gateway is stopping: its connections are going; the next replica or start folds what is left.
            return;
        }
        try {
            fold();
            failing = false;
        } catch (RuntimeException e) {
            // The database is away or refused: the changes wait for the next fold.
            if (!failing && !stopping) {
                LOG.warnf(e, "Notice changes could not be folded into the gauges' tally; trying again at the next fold");
            }
            failing = true;
        }
    }

    /**
     * Counts the notices if the tally is uncounted, then folds the changes committed so far (up to
     * {@value #MAX_ROUNDS} rounds, and none while another replica holds the fold's turn); returns how many changes
     * were folded.
     */
    public int fold() {
        if (tally.countIfUncounted(clock.instant())) {
            LOG.info("The notices were counted into the gauges' tally");
        }
        int folded = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int n = QuarkusTransaction.requiringNew().call(this::foldRound);
            folded += Math.max(0, n);
            if (n < ROUND) {
                break;
            }
        }
        return folded;
    }

    /** One round: how many changes it folded, or -1 if another replica holds the turn. */
    private int foldRound() {
        if (!tally.takeFoldTurn()) {
            return -1;
        }
        List<NoticeTallyRepository.Change> changes = tally.oldestChanges(ROUND);
        if (changes.isEmpty()) {
            return 0;
        }
        Map<NoticeTallyRepository.Key, Long> sums = new TreeMap<>(KEY_ORDER);
        for (NoticeTallyRepository.Change c : changes) {
            sums.merge(c.key(), c.delta(), Long::sum);
        }
        sums.values().removeIf(sum -> sum == 0);
        tally.add(sums);
        tally.remove(changes.stream().map(NoticeTallyRepository.Change::id).toList(), clock.instant());
        return changes.size();
    }
}
