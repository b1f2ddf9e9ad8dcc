package dev.gatehouse.analytics;

/**
 * Where a visit came from and on what, taken from its first hit and stamped on every hit of it.
 *
 * @param source      the referrer's host or {@code utm_source}; null for direct visits
 * @param utmSource   the page URL's {@code utm_source}
 * @param utmMedium   {@code utm_medium}
 * @param utmCampaign {@code utm_campaign}
 * @param utmTerm     {@code utm_term}
 * @param utmContent  {@code utm_content}
 * @param device      the device class
 */
public record Attribution(String source, String utmSource, String utmMedium, String utmCampaign, String utmTerm,
    String utmContent, DeviceClass device) {
}
