package dev.gatehouse.entitlements;

import io.github.bucket4j.Bucket;

/** Where the rate limiter's buckets live: in this JVM, or in a store shared by all instances. */
interface Buckets {

    /** The bucket for {@code key}, created full if absent, configured for {@code spec}. */
    Bucket acquire(String key, BucketSpec spec);

    /** Like {@link #acquire} but null when the bucket does not exist yet, where that is cheap to know. */
    Bucket find(String key, BucketSpec spec);
}
