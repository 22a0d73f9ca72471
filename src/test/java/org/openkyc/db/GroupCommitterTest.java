package org.openkyc.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group committer without Spring's context: an in-memory H2 database, Spring's transaction
 * manager with the held-back writes hooked in as the application has them, and members that
 * insert a row each. Groups are made deterministic by holding the one lane in a first group
 * while the others queue.
 */
@Timeout(60)
class GroupCommitterTest {

    /** A member: its key (one per group), the row it inserts, and what it does besides. */
    record Item(String key, String id, Behaviour behaviour) {
    }

    enum Behaviour { INSERT, REFUSE, WRITE_THEN_REFUSE, HOLD_THE_LANE }

    static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message);
        }
    }

    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final AtomicInteger connectionsAsked = new AtomicInteger();
    private final JdbcDataSource h2 = new JdbcDataSource();
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final WriteBehind writes;
    private final TransactionTemplate transactions;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final GroupCommits commits;
    private final CountDownLatch laneHeld = new CountDownLatch(1);
    private final CountDownLatch releaseLane = new CountDownLatch(1);
    private final List<List<String>> groupsBegun = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> workThreads = Collections.synchronizedList(new ArrayList<>());

    GroupCommitterTest() {
        h2.setURL("jdbc:h2:mem:group-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
        dataSource = new DelegatingDataSource(h2) {
            @Override
            public Connection getConnection() throws SQLException {
                connectionsAsked.incrementAndGet();
                if (databaseDown.get()) {
                    throw new SQLTransientConnectionException("the database is down", "08001");
                }
                return super.getConnection();
            }
        };
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE item (id VARCHAR(64) PRIMARY KEY)");
        writes = new WriteBehind(jdbc, dataSource);
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
        manager.addListener(new SendAtCommit(writes));
        transactions = new TransactionTemplate(manager);
        commits = new GroupCommits(transactions, writes, meters, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        releaseLane.countDown();
        commits.stop();
    }

    private final GroupCommitter.Members<Item, String> members = new GroupCommitter.Members<>() {
        @Override
        public Object key(Item item) {
            return item.key();
        }

        @Override
        public Function<Item, String> begin(List<Item> group) {
            groupsBegun.add(group.stream().map(Item::id).toList());
            workThreads.add(Thread.currentThread());
            return item -> {
                switch (item.behaviour()) {
                    case HOLD_THE_LANE -> {
                        laneHeld.countDown();
                        await(releaseLane);
                    }
                    case REFUSE -> throw new Refusal("refused " + item.id());
                    case WRITE_THEN_REFUSE -> {
                        writes.update("INSERT INTO item (id) VALUES (?)", item.id());
                        throw new Refusal("refused " + item.id() + " after a write");
                    }
                    case INSERT -> {
                    }
                }
                writes.update("INSERT INTO item (id) VALUES (?)", item.id());
                return "done " + item.id();
            };
        }

        @Override
        public boolean isRefusal(RuntimeException e) {
            return e instanceof Refusal;
        }

        @Override
        public boolean isUnnamedMemberFailure(RuntimeException e) {
            return e instanceof DuplicateKeyException;
        }
    };

    private GroupCommitter<Item, String> committer(int groupSize, int lanes) {
        GroupCommitter<Item, String> committer = commits.create("test-items", "test items", groupSize, lanes, members);
        commits.start();
        return committer;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The one lane is busy with a first member until {@link #releaseLane}; returns that member's answer. */
    private CompletableFuture<String> holdTheLane(GroupCommitter<Item, String> committer) {
        CompletableFuture<String> first = submit(committer, new Item("holder", "holder", Behaviour.HOLD_THE_LANE));
        await(laneHeld);
        return first;
    }

    private static CompletableFuture<String> submit(GroupCommitter<Item, String> committer, Item item) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                answer.complete(committer.commit(item));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /** Submits the items one by one, each once the one before waits in line, so that groups take them in this order. */
    private static List<CompletableFuture<String>> queue(GroupCommitter<Item, String> committer, List<Item> items) {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (Item item : items) {
            answers.add(submit(committer, item));
            while (committer.waiting() < answers.size()) {
                Thread.onSpinWait();
            }
        }
        return answers;
    }

    /** Submits the items while the lane is held, waits until all of them queue, then lets the lane go on. */
    private List<CompletableFuture<String>> queuedBehindTheHolder(GroupCommitter<Item, String> committer, List<Item> items) {
        CompletableFuture<String> holder = holdTheLane(committer);
        List<CompletableFuture<String>> answers = queue(committer, items);
        releaseLane.countDown();
        assertThat(holder.join()).isEqualTo("done holder");
        return answers;
    }

    /** The failure the member's caller got, once it has its answer. */
    private static Throwable failureOf(CompletableFuture<String> answer) {
        Throwable failure = answer.handle((value, e) -> e).join();
        assertThat(failure).as("failed, not answered").isNotNull();
        return failure;
    }

    private List<String> rows() {
        return jdbc.queryForList("SELECT id FROM item ORDER BY id", String.class);
    }

    private List<Double> committedGroupSizes() {
        return List.of(meters.get("openkyc.test.items.group.size").summary().count() * 1.0,
                meters.get("openkyc.test.items.group.size").summary().totalAmount());
    }

    private double failedGroups() {
        return meters.get("openkyc.test.items.group.failed").counter().count();
    }

    @Test
    void membersThatArriveTogetherAreCommittedTogetherEachWithItsOwnAnswer() {
        GroupCommitter<Item, String> committer = committer(4, 1);
        List<CompletableFuture<String>> answers = queuedBehindTheHolder(committer, List.of(
                new Item("a", "a", Behaviour.INSERT), new Item("b", "b", Behaviour.INSERT),
                new Item("c", "c", Behaviour.INSERT), new Item("d", "d", Behaviour.INSERT), new Item("e", "e", Behaviour.INSERT)));

        assertThat(answers.stream().map(CompletableFuture::join)).containsExactly("done a", "done b", "done c", "done d", "done e");
        assertThat(groupsBegun).containsExactly(List.of("holder"), List.of("a", "b", "c", "d"), List.of("e"));
        assertThat(rows()).containsExactly("a", "b", "c", "d", "e", "holder");
        assertThat(committedGroupSizes()).as("groups committed, members in them").containsExactly(3.0, 6.0);
        assertThat(workThreads).allMatch(t -> t.getName().startsWith("test-items-lane-"));
    }

    @Test
    void aGroupHoldsOneMemberPerKeyAndTheSecondWaitsForTheNextGroup() {
        GroupCommitter<Item, String> committer = committer(4, 1);
        List<CompletableFuture<String>> answers = queuedBehindTheHolder(committer, List.of(
                new Item("k", "k1", Behaviour.INSERT), new Item("k", "k2", Behaviour.INSERT), new Item("x", "x", Behaviour.INSERT)));

        answers.forEach(CompletableFuture::join);
        assertThat(groupsBegun).containsExactly(List.of("holder"), List.of("k1", "x"), List.of("k2"));
        assertThat(rows()).containsExactly("holder", "k1", "k2", "x");
    }

    @Test
    void aRefusalIsItsMembersOwnAnswerAndTheGroupCommits() {
        GroupCommitter<Item, String> committer = committer(4, 1);
        List<CompletableFuture<String>> answers = queuedBehindTheHolder(committer, List.of(
                new Item("a", "a", Behaviour.INSERT), new Item("r", "r", Behaviour.REFUSE), new Item("b", "b", Behaviour.INSERT)));

        assertThat(answers.get(0).join()).isEqualTo("done a");
        assertThat(failureOf(answers.get(1))).isInstanceOf(Refusal.class).hasMessage("refused r");
        assertThat(answers.get(2).join()).isEqualTo("done b");
        assertThat(groupsBegun).containsExactly(List.of("holder"), List.of("a", "r", "b"));
        assertThat(rows()).containsExactly("a", "b", "holder");
        assertThat(failedGroups()).isZero();
    }

    @Test
    void aRefusalAfterAWriteFailsTheGroupAndEachMemberRunsAgainAlone() {
        GroupCommitter<Item, String> committer = committer(4, 1);
        List<CompletableFuture<String>> answers = queuedBehindTheHolder(committer, List.of(
                new Item("a", "a", Behaviour.INSERT), new Item("w", "w", Behaviour.WRITE_THEN_REFUSE), new Item("b", "b", Behaviour.INSERT)));

        assertThat(answers.get(0).join()).isEqualTo("done a");
        assertThat(failureOf(answers.get(1))).isInstanceOf(IllegalStateException.class).hasMessageContaining("left writes behind");
        assertThat(answers.get(2).join()).isEqualTo("done b");
        assertThat(groupsBegun).containsExactly(List.of("holder"), List.of("a", "w", "b"), List.of("a"), List.of("w"), List.of("b"));
        assertThat(rows()).as("nothing of the refused member, the others once").containsExactly("a", "b", "holder");
        assertThat(failedGroups()).isEqualTo(1.0);
    }

    @Test
    void aFailureThatNamesNoMemberHalvesTheGroupUntilItsMemberIsAlone() {
        jdbc.update("INSERT INTO item (id) VALUES ('taken')");
        GroupCommitter<Item, String> committer = committer(8, 1);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(i == 5 ? new Item("t", "taken", Behaviour.INSERT) : new Item("m" + i, "m" + i, Behaviour.INSERT));
        }
        List<CompletableFuture<String>> answers = queuedBehindTheHolder(committer, items);

        for (int i = 0; i < 8; i++) {
            if (i == 5) {
                assertThat(failureOf(answers.get(i))).isInstanceOf(DuplicateKeyException.class);
            } else {
                assertThat(answers.get(i).join()).isEqualTo("done m" + i);
            }
        }
        assertThat(groupsBegun.subList(1, groupsBegun.size())).containsExactly(
                List.of("m0", "m1", "m2", "m3", "m4", "taken", "m6", "m7"),
                List.of("m0", "m1", "m2", "m3"), List.of("m4", "taken", "m6", "m7"),
                List.of("m4", "taken"), List.of("m4"), List.of("taken"), List.of("m6", "m7"));
        assertThat(rows()).containsExactly("holder", "m0", "m1", "m2", "m3", "m4", "m6", "m7", "taken");
        assertThat(committedGroupSizes()).as("the holder, then 4, 1 and 2 together: alone only the one whose key was taken and one other").containsExactly(4.0, 8.0);
        assertThat(failedGroups()).isZero();
    }

    @Test
    void aDatabaseOutOfReachFailsTheWholeGroupAtOnce() {
        GroupCommitter<Item, String> committer = committer(4, 1);
        CompletableFuture<String> holder = holdTheLane(committer);
        List<CompletableFuture<String>> answers = queue(committer, List.of("a", "b", "c", "d").stream()
                .map(id -> new Item(id, id, Behaviour.INSERT)).toList());
        databaseDown.set(true);
        int asked = connectionsAsked.get();
        releaseLane.countDown();

        assertThat(holder.join()).as("its transaction had its connection").isEqualTo("done holder");
        answers.forEach(answer -> assertThat(DatabaseErrors.unreachable(failureOf(answer))).isTrue());
        assertThat(connectionsAsked.get() - asked).as("one try for the group, none for each member alone").isEqualTo(1);
        assertThat(failedGroups()).isZero();
        databaseDown.set(false);
        assertThat(rows()).containsExactly("holder");
    }

    @Test
    void aMemberWhoseCallerStoppedWaitingInLineIsNeverWritten() {
        GroupCommitter<Item, String> committer = committer(4, 1);
        CompletableFuture<String> holder = holdTheLane(committer);
        CompletableFuture<String> gaveUp = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (DatabaseBudget ignored = DatabaseBudget.open(Duration.ofMillis(100))) {
                gaveUp.complete(committer.commit(new Item("g", "gave-up", Behaviour.INSERT)));
            } catch (RuntimeException e) {
                gaveUp.completeExceptionally(e);
            }
        });
        assertThat(failureOf(gaveUp)).as("its budget ran out while the lane was held")
                .isInstanceOf(org.springframework.dao.DataAccessResourceFailureException.class);
        assertThat(committer.waiting()).as("it left the line").isZero();
        CompletableFuture<String> after = submit(committer, new Item("a", "after", Behaviour.INSERT));
        while (committer.waiting() < 1) {
            Thread.onSpinWait();
        }
        releaseLane.countDown();

        assertThat(holder.join()).isEqualTo("done holder");
        assertThat(after.join()).isEqualTo("done after");
        assertThat(rows()).as("what its caller was told, nothing done, stays true").containsExactly("after", "holder");
        assertThat(meters.get("openkyc.test.items.group.withdrawn").counter().count()).isEqualTo(1.0);
    }

    @Test
    void membersStillWaitingAtTheStopAreWrittenAlone() throws Exception {
        GroupCommitter<Item, String> committer = committer(4, 1);
        CompletableFuture<String> holder = holdTheLane(committer);
        CompletableFuture<String> waiting = submit(committer, new Item("w", "w", Behaviour.INSERT));
        while (committer.waiting() < 1) {
            Thread.onSpinWait();
        }
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(commits::stop);
        while (committer.waiting() > 0) {
            Thread.onSpinWait(); // the stop took it from the line, and now waits for the lane
        }
        releaseLane.countDown();
        stopped.join();

        assertThat(holder.join()).isEqualTo("done holder");
        assertThat(waiting.join()).isEqualTo("done w");
        assertThat(rows()).containsExactly("holder", "w");
    }

    @Test
    void aMemberCommittedInsideItsCallersTransactionGoesWithIt() {
        GroupCommitter<Item, String> committer = committer(4, 1);
        String answer = transactions.execute(tx -> {
            String done = committer.commit(new Item("a", "a", Behaviour.INSERT));
            tx.setRollbackOnly();
            return done;
        });

        assertThat(answer).isEqualTo("done a");
        assertThat(workThreads).containsExactly(Thread.currentThread());
        assertThat(rows()).as("rolled back with the caller's transaction").isEmpty();
    }

    @Test
    void withGroupsOfOneEachMemberRunsOnItsCallersThread() {
        GroupCommitter<Item, String> committer = committer(1, 4);

        assertThat(committer.commit(new Item("a", "a", Behaviour.INSERT))).isEqualTo("done a");
        assertThat(workThreads).containsExactly(Thread.currentThread());
        assertThat(commits.grouping()).isFalse();
        assertThat(commits.connectionsHeld()).isZero();
        assertThat(rows()).containsExactly("a");
    }

    @Test
    void admissionLearnsThePlacesAndConnectionsOfTheGroupingCommitters() {
        committer(16, 4);

        assertThat(commits.grouping()).isTrue();
        assertThat(commits.places()).isEqualTo(64);
        assertThat(commits.connectionsHeld()).isEqualTo(4);
    }
}
