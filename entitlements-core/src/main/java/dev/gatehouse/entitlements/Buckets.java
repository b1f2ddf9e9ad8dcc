package dev.gatehouse.entitlements;

import io.github.bucket4j.Bucket;

/** Where the rate limiter's buckets live: in this JVM, or in a store shared by all instances. */
interface Buckets {

    /**
     * The bucket for {@code key}, created full if absent, configured for {@code spec}.
     * {@code specVersion} orders configurations where several instances may disagree about which
     * spec applies: a shared store keeps the one with the highest version.
     */
    Bucket acquire(String key, BucketSpec spec, long specVersion);

    /** Like {@link #acquire} but null when the bucket does not exist yet, where that is cheap to know. */
    Bucket find(String key, BucketSpec spec, long specVersion);
}
