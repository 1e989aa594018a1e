package dev.zena.realtime.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.zena.realtime.console.client.FeedEvent;
import dev.zena.realtime.console.directory.Directory;
import dev.zena.realtime.console.features.connections.ConnectionsViewModel;
import dev.zena.realtime.console.features.permissions.PermissionsViewModel;
import dev.zena.realtime.console.features.permissions.RoleMatrixViewModel;
import dev.zena.realtime.console.features.send.SendViewModel;
import dev.zena.realtime.console.features.send.TestClientViewModel;
import dev.zena.realtime.console.features.server.ServerViewModel;
import dev.zena.realtime.console.features.traffic.TrafficViewModel;
import dev.zena.realtime.console.shell.ConnectViewModel;
import dev.zena.realtime.console.shell.ShellViewModel;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WritableValue;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STYLE.md: view models expose outputs as read-only properties and lists as unmodifiable; only inputs are
 * writable. Every public no-argument accessor of every view model, table row and the directory is called: a list
 * must refuse changes, an observable value must not be writable unless it is one of the model's listed inputs.
 */
class ViewModelOutputsTest {

    private static final FakeAdminClient CLIENT = new FakeAdminClient();
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private static final Directory DIRECTORY = new Directory(CLIENT, Runnable::run);

    static Stream<Arguments> models() {
        ConnectionsViewModel connections = new ConnectionsViewModel(CLIENT, Runnable::run, CLOCK);
        connections.onFeed(new FeedEvent.ConnectionOpened(FakeAdminClient.connection("c1", "acme-pm", "acme")));
        return Stream.of(
                model(new ShellViewModel("http://127.0.0.1:1", true)),
                model(new ConnectViewModel(List.of("http://127.0.0.1:1"), null), "serverProperty", "tokenProperty"),
                model(new ServerViewModel(CLIENT, null, Runnable::run, Runnable::run, CLOCK)),
                model(
                        connections,
                        "tenantFilterProperty",
                        "userFilterProperty",
                        "channelFilterProperty",
                        "nodeFilterProperty",
                        "selectedProperty"),
                model(connections.rows().get(0)),
                model(connections.channel(), "channelProperty"),
                model(new TrafficViewModel(CLIENT, Runnable::run), "tenantProperty"),
                model(
                        new SendViewModel(CLIENT, DIRECTORY, Runnable::run),
                        "targetProperty",
                        "channelProperty",
                        "connectionIdProperty",
                        "eventProperty",
                        "payloadProperty"),
                model(
                        new TestClientViewModel(CLIENT, DIRECTORY, Runnable::run, CLOCK),
                        "userProperty",
                        "channelsProperty",
                        "presenceEventsProperty"),
                model(new PermissionsViewModel(CLIENT, DIRECTORY, Runnable::run), "userProperty", "channelProperty"),
                model(new RoleMatrixViewModel(CLIENT, Runnable::run)),
                model(DIRECTORY));
    }

    private static Arguments model(Object model, String... inputs) {
        return Arguments.of(model.getClass().getSimpleName(), model, Set.of(inputs));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void outputsAreReadOnlyAndListsUnmodifiable(String name, Object model, Set<String> inputs) throws Exception {
        List<String> seenInputs = new ArrayList<>();
        for (Method accessor : model.getClass().getMethods()) {
            if (accessor.getDeclaringClass() != model.getClass()
                    || accessor.getParameterCount() > 0
                    || Modifier.isStatic(accessor.getModifiers())) {
                continue;
            }
            String what = name + "." + accessor.getName() + "()";
            if (ObservableList.class.isAssignableFrom(accessor.getReturnType())) {
                ObservableList<?> list = (ObservableList<?>) accessor.invoke(model);
                assertThatThrownBy(() -> list.add(null))
                        .as(what + " must be unmodifiable")
                        .isInstanceOf(UnsupportedOperationException.class);
            } else if (ObservableValue.class.isAssignableFrom(accessor.getReturnType())) {
                Object value = accessor.invoke(model);
                if (inputs.contains(accessor.getName())) {
                    assertThat(value).as(what + " is an input").isInstanceOf(WritableValue.class);
                    seenInputs.add(accessor.getName());
                } else {
                    assertThat(value)
                            .as(what + " is an output: expose the ReadOnly…Property of a private wrapper")
                            .isNotInstanceOf(WritableValue.class);
                }
            }
        }
        assertThat(seenInputs).as("the inputs listed for " + name).containsExactlyInAnyOrderElementsOf(inputs);
    }

    @Test
    void everyViewModelAndRowIsChecked() {
        Set<String> checked = models().map(
                        arguments -> arguments.get()[1].getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> existing = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.zena.realtime.console")
                        .stream()
                        .filter(c -> c.getSimpleName().endsWith("ViewModel")
                                || c.getSimpleName().endsWith("Row"))
                        .map(JavaClass::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(checked).containsAll(existing);
    }
}
