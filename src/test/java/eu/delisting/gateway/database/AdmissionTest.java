package eu.delisting.gateway.database;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionTest {

    @Test
    void requestsWaitingForAShareAreAdmittedInTheOrderTheyArrived() throws Exception {
        Admission admission = new Admission(1, Duration.ofSeconds(10));
        Admission.Ticket first = admission.enter();
        List<Integer> admitted = Collections.synchronizedList(new ArrayList<>());
        ExecutorService waiters = Executors.newFixedThreadPool(5);
        for (int i = 0; i < 5; i++) {
            int arrival = i;
            waiters.submit(() -> {
                Admission.Ticket ticket = admission.enter();
                admitted.add(arrival);
                ticket.leave();
                return null;
            });
            // the next waiter arrives only once this one is in line
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (admission.waiting() < i + 1 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
        assertThat(admission.waiting()).isEqualTo(5);
        first.leave();
        waiters.shutdown();
        assertThat(waiters.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(admitted).containsExactly(0, 1, 2, 3, 4);
        assertThat(admission.inUse()).isZero();
    }

    @Test
    void aRequestStillWithoutAShareAfterTheWaitIsRefusedAndTakesNothing() {
        Admission admission = new Admission(2, Duration.ofMillis(200));
        Admission.Ticket one = admission.enter();
        Admission.Ticket two = admission.enter();
        long started = System.nanoTime();
        assertThatThrownBy(admission::enter).isInstanceOf(Admission.AtCapacity.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(admission.inUse()).isEqualTo(2);
        one.leave();
        two.leave();
        assertThat(admission.inUse()).isZero();
    }

    @Test
    void aShareLeftTwiceIsGivenBackOnce() {
        Admission admission = new Admission(1, Duration.ofMillis(100));
        Admission.Ticket ticket = admission.enter();
        ticket.leave();
        ticket.leave();
        assertThat(admission.inUse()).isZero();
        admission.enter();
        assertThatThrownBy(admission::enter).isInstanceOf(Admission.AtCapacity.class);
    }
}
