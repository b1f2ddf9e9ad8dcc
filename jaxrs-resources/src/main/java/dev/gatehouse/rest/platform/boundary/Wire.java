package dev.gatehouse.rest.platform.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a response record goes on the wire, in one place: each component becomes a property named in
 * snake_case ({@code lastUsedAt} → {@code last_used_at}, or {@link Name}), in declaration order,
 * written as {@link Json#value} writes it (instants to the second, enums in lower case, a null as
 * {@code null} unless the component is {@link Omitted}). The OpenAPI schema of the record
 * ({@code contract.control.RecordSchemas}) and the {@code fields=} whitelist ({@link #fields}) are
 * read from the same components, so a new field is one edit.
 *
 * <p>The annotations say what the Java type cannot: whether {@code null} is a value, whether the
 * property is always present, its description and the values of a string.
 */
public final class Wire {

    private static final Map<Class<?>, List<Property>> PROPERTIES = new ConcurrentHashMap<>();

    private Wire() {
    }

    /** The component is written even when null, and the schema says so ({@code type: [x, "null"]}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Nullable {
    }

    /** The property is left out when the component is null (an optional field of the seed shapes). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Omitted {
    }

    /** The property is listed under {@code required} in the schema. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Required {
    }

    /** The property's wire name when it is not the snake_case of the component's name. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Name {
        String value();
    }

    /**
     * The values a string component takes, for the schema's {@code enum}: listed, or read from an
     * enum's constants by their no-argument method that gives the wire name (e.g. {@code apiName}).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Values {
        String[] value() default {};

        @SuppressWarnings("rawtypes")
        Class<? extends Enum> of() default Enum.class;

        String method() default "apiName";
    }

    /** The bounds of an integer component, for the schema's {@code minimum} and {@code maximum}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Range {
        long min();

        long max();
    }

    /**
     * Documentation of a component or a record: a description, a string {@code format} such as
     * {@code uri}, and {@code examples} as a JSON array literal.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
    public @interface Doc {
        String value() default "";

        String format() default "";

        String examples() default "";
    }

    /** The limits of a string component, for the schema's {@code maxLength} and {@code pattern}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Text {
        int maxLength() default -1;

        String pattern() default "";
    }

    /** The record's component name in the OpenAPI document, when it is not the record's simple name. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Schema {
        String value();
    }

    /** The response records a resource answers with, for its OpenAPI components. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Records {
        Class<? extends Record>[] value();
    }

    /** One component as a wire property. */
    public record Property(String name, RecordComponent component) {

        public boolean omittedWhenNull() {
            return component.isAnnotationPresent(Omitted.class);
        }

        public Object read(Record record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + component, e);
            }
        }
    }

    /** The wire properties of a record class, in declaration order. */
    public static List<Property> properties(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        return PROPERTIES.computeIfAbsent(type, t -> {
            RecordComponent[] components = t.getRecordComponents();
            List<Property> out = new java.util.ArrayList<>();
            for (RecordComponent c : components) {
                c.getAccessor().setAccessible(true);
                Name name = c.getAnnotation(Name.class);
                out.add(new Property(name != null ? name.value() : snakeCase(c.getName()), c));
            }
            return List.copyOf(out);
        });
    }

    /** The names {@code fields=} may select for a list or item of this record. */
    public static Set<String> fields(Class<? extends Record> type) {
        Set<String> names = new LinkedHashSet<>();
        properties(type).forEach(p -> names.add(p.name()));
        return Set.copyOf(names);
    }

    /** The record as an ordered map of wire names to component values, nulls of {@link Omitted} ones left out. */
    public static Map<String, Object> map(Record record) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Property p : properties(record.getClass())) {
            Object value = p.read(record);
            if (value != null || !p.omittedWhenNull()) {
                m.put(p.name(), value);
            }
        }
        return m;
    }

    /** A record as its map, a map as itself: what {@code fields=} picks from. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object view) {
        return view instanceof Record r ? map(r) : (Map<String, Object>) view;
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
