package dev.gatehouse.entitlements;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads the properties format documented on {@link PlanCatalog}; one instance per parse. */
final class CatalogParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    private final Properties properties;
    private final Set<String> read = new HashSet<>();

    CatalogParser(Properties properties) {
        this.properties = properties;
    }

    PlanCatalog parse() {
        var features = new LinkedHashMap<String, Feature>();
        for (String key : names("features", "feature")) {
            features.put(key, feature(key));
        }
        var tiers = new ArrayList<Tier>();
        for (String name : names("tiers", "tier")) {
            tiers.add(tier(name, features));
        }
        rejectUnread();
        return PlanCatalog.of(List.copyOf(features.values()), tiers);
    }

    private Feature feature(String key) {
        String prefix = "feature." + key + ".";
        String kindProperty = prefix + "kind";
        String kindValue = required(kindProperty, "one of counted, metered, quantity, flag");
        FeatureKind kind = switch (kindValue.toLowerCase(Locale.ROOT)) {
            case "counted" -> FeatureKind.COUNTED;
            case "metered" -> FeatureKind.METERED;
            case "quantity" -> FeatureKind.QUANTITY;
            case "flag" -> FeatureKind.FLAG;
            default -> throw CatalogException.invalid(kindProperty, kindValue,
                    "expected one of counted, metered, quantity, flag");
        };
        String resetProperty = prefix + "reset";
        String resetValue = optional(resetProperty);
        ResetPeriod reset = null;
        if (kind == FeatureKind.METERED) {
            if (resetValue == null) {
                throw CatalogException.missing(resetProperty, "a metered feature needs daily, weekly, monthly or yearly");
            }
            reset = switch (resetValue.toLowerCase(Locale.ROOT)) {
                case "daily" -> ResetPeriod.DAILY;
                case "weekly" -> ResetPeriod.WEEKLY;
                case "monthly" -> ResetPeriod.MONTHLY;
                case "yearly" -> ResetPeriod.YEARLY;
                default -> throw CatalogException.invalid(resetProperty, resetValue,
                        "expected one of daily, weekly, monthly, yearly");
            };
        } else if (resetValue != null) {
            throw CatalogException.invalid(resetProperty, resetValue,
                    "only metered features reset, but '" + key + "' is " + kindValue);
        }
        String unitProperty = prefix + "unit";
        String unit = optional(unitProperty);
        if (kind == FeatureKind.QUANTITY && (unit == null || unit.isEmpty())) {
            throw CatalogException.missing(unitProperty, "a quantity feature needs a unit, e.g. bytes");
        }
        if (kind != FeatureKind.QUANTITY && unit != null) {
            throw CatalogException.invalid(unitProperty, unit,
                    "only quantity features have a unit, but '" + key + "' is " + kindValue);
        }
        return new Feature(key, kind, optional(prefix + "description"), unit, reset);
    }

    private Tier tier(String name, Map<String, Feature> features) {
        String prefix = "tier." + name + ".";
        String rpmProperty = prefix + "rate.per-minute";
        String rpmValue = required(rpmProperty, "requests per minute, an integer from 1 to "
                + RatePolicy.MAX_REQUESTS_PER_MINUTE);
        long rpm = nonNegative(rpmValue);
        if (rpm < 1 || rpm > RatePolicy.MAX_REQUESTS_PER_MINUTE) {
            throw CatalogException.invalid(rpmProperty, rpmValue,
                    "expected an integer from 1 to " + RatePolicy.MAX_REQUESTS_PER_MINUTE);
        }
        String burstProperty = prefix + "rate.burst";
        String burstValue = optional(burstProperty);
        double burst = burstValue == null ? 0 : burst(burstProperty, burstValue);

        var limits = new LinkedHashMap<String, FeatureLimit>();
        for (Feature feature : features.values()) {
            String limitProperty = prefix + "limit." + feature.key();
            String limitValue = optional(limitProperty);
            String typeProperty = limitProperty + ".type";
            String typeValue = optional(typeProperty);
            if (limitValue == null) {
                if (typeValue != null) {
                    throw CatalogException.invalid(typeProperty, typeValue,
                            "there is no '" + limitProperty + "' for it to apply to");
                }
                continue;
            }
            limits.put(feature.key(), feature.kind() == FeatureKind.FLAG
                    ? flagLimit(feature.key(), limitProperty, limitValue, typeProperty, typeValue)
                    : limit(feature.key(), limitProperty, limitValue, typeProperty, typeValue));
        }
        return new Tier(name, new RatePolicy(rpm, burst), limits);
    }

    private static double burst(String property, String value) {
        BigDecimal burst;
        try {
            burst = new BigDecimal(value);
        } catch (NumberFormatException e) {
            burst = null;
        }
        if (burst == null || burst.signum() < 0 || burst.compareTo(BigDecimal.valueOf(RatePolicy.MAX_BURST)) > 0) {
            throw CatalogException.invalid(property, value,
                    "expected a fraction from 0 to " + (long) RatePolicy.MAX_BURST + ", e.g. 0.3 for 30 %");
        }
        return burst.doubleValue();
    }

    private static FeatureLimit flagLimit(String feature, String property, String value, String typeProperty,
                                          String typeValue) {
        if (typeValue != null) {
            throw CatalogException.invalid(typeProperty, typeValue, "flag '" + feature + "' is on or off and has no limit type");
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> new FeatureLimit(feature, LimitType.HARD, 1);
            case "off", "false", "0" -> new FeatureLimit(feature, LimitType.HARD, 0);
            default -> throw CatalogException.invalid(property, value, "flag '" + feature + "' expects on or off");
        };
    }

    private static FeatureLimit limit(String feature, String property, String value, String typeProperty,
                                      String typeValue) {
        if ("unlimited".equalsIgnoreCase(value)) {
            if (typeValue != null) {
                throw CatalogException.invalid(typeProperty, typeValue, "'" + property + "' is unlimited and has no limit type");
            }
            return new FeatureLimit(feature, LimitType.UNLIMITED, 0);
        }
        long limit = nonNegative(value);
        if (limit < 0) {
            throw CatalogException.invalid(property, value, "expected a non-negative integer or unlimited");
        }
        LimitType type = LimitType.HARD;
        if (typeValue != null) {
            type = switch (typeValue.toLowerCase(Locale.ROOT)) {
                case "hard" -> LimitType.HARD;
                case "soft" -> LimitType.SOFT;
                default -> throw CatalogException.invalid(typeProperty, typeValue, "expected hard or soft");
            };
        }
        return new FeatureLimit(feature, type, limit);
    }

    /** The value as a long, or -1 if it is not plain decimal digits or does not fit. */
    private static long nonNegative(String value) {
        if (!DIGITS.matcher(value).matches()) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private List<String> names(String property, String what) {
        String value = required(property, "a comma-separated list of " + what + " names");
        var names = new LinkedHashSet<String>();
        for (String part : value.split(",", -1)) {
            String name = part.trim();
            if (!NAME.matcher(name).matches()) {
                throw CatalogException.invalid(property, value, "'" + name + "' is not a valid " + what
                        + " name (lower case letters, digits, _ and -, at most 64)");
            }
            if (!names.add(name)) {
                throw CatalogException.invalid(property, value, what + " '" + name + "' is listed twice");
            }
        }
        return List.copyOf(names);
    }

    private String required(String property, String expected) {
        String value = optional(property);
        if (value == null || value.isEmpty()) {
            throw CatalogException.missing(property, "expected " + expected);
        }
        return value;
    }

    private String optional(String property) {
        read.add(property);
        String value = properties.getProperty(property);
        return value == null ? null : value.strip();
    }

    private void rejectUnread() {
        for (String property : new TreeSet<>(properties.stringPropertyNames())) {
            if (!read.contains(property)) {
                throw CatalogException.invalid(property, properties.getProperty(property),
                        "unknown property; features are declared in 'features', tiers in 'tiers',"
                                + " and limits only for declared features");
            }
        }
    }
}
