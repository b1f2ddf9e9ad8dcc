package dev.gatehouse.rest.testing;

import dev.gatehouse.rest.platform.control.DurationConverter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes a settings bean as the container would with nothing configured: every
 * {@code @ConfigProperty} field gets its annotation's {@code defaultValue} (converted like
 * MicroProfile Config does for the types our settings use), and an {@code Optional} field stays
 * empty. Tests of "the shipped defaults" use it, so they read the defaults from the one place
 * they are written, not from a copy in the test. Values in {@code overrides} stand for configured ones.
 */
public final class ShippedSettings {

    private ShippedSettings() {
    }

    public static <T> T of(Class<T> type) {
        return of(type, Map.of());
    }

    public static <T> T of(Class<T> type, Map<String, String> overrides) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            T bean = constructor.newInstance();
            for (Field field : type.getDeclaredFields()) {
                ConfigProperty property = field.getAnnotation(ConfigProperty.class);
                if (property == null || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                String text = overrides.getOrDefault(property.name(),
                        property.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE) ? null : property.defaultValue());
                boolean optional = field.getType() == Optional.class;
                Class<?> valueType = optional ? optionalType(field) : field.getType();
                Object value = text == null ? null : convert(text, valueType);
                if (optional) {
                    field.set(bean, Optional.ofNullable(value));
                } else if (value != null) {
                    field.set(bean, value);
                }
            }
            var check = findCheck(type);
            if (check != null) {
                check.setAccessible(true);
                check.invoke(bean);
            }
            return bean;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.lang.reflect.Method findCheck(Class<?> type) {
        for (var method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(jakarta.annotation.PostConstruct.class)) {
                return method;
            }
        }
        return null;
    }

    private static Class<?> optionalType(Field field) {
        var generic = (java.lang.reflect.ParameterizedType) field.getGenericType();
        var argument = generic.getActualTypeArguments()[0];
        return argument instanceof Class<?> c ? c : String.class;
    }

    private static Object convert(String text, Class<?> type) {
        if (type == String.class) {
            return text;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(text.trim());
        }
        if (type == long.class || type == Long.class) {
            return Long.valueOf(text.trim());
        }
        if (type == double.class || type == Double.class) {
            return Double.valueOf(text.trim());
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.valueOf(text.trim());
        }
        if (type == Duration.class) {
            return new DurationConverter().convert(text);
        }
        throw new IllegalArgumentException("no conversion to " + type + " in ShippedSettings");
    }
}
