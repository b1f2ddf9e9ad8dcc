package dev.gatehouse.analytics;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Salts in this process's memory: for one instance, tests and apps with their own persistence. */
public final class InMemorySaltStore implements SaltStore {

    private final ConcurrentSkipListMap<LocalDate, byte[]> salts = new ConcurrentSkipListMap<>();

    @Override
    public Optional<byte[]> find(LocalDate day) {
        return Optional.ofNullable(salts.get(day)).map(byte[]::clone);
    }

    @Override
    public byte[] putIfAbsent(LocalDate day, byte[] salt) {
        byte[] existing = salts.putIfAbsent(day, salt.clone());
        return (existing == null ? salt : existing).clone();
    }

    @Override
    public int deleteBefore(LocalDate day) {
        var old = salts.headMap(day);
        int n = old.size();
        old.clear();
        return n;
    }

    /** The days that have a salt, for tests. */
    public java.util.Set<LocalDate> days() {
        return java.util.Set.copyOf(salts.keySet());
    }
}
