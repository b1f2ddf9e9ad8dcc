package dev.gatehouse.webhooks;

/**
 * The classes of address a webhook must not reach, with the rule text {@link UrlPolicy} reports.
 * Only the ones a private deployment legitimately targets can be waived.
 */
enum AddressRule {
    LOOPBACK("must not target a loopback address", true),
    PRIVATE("must not target a private network address", true),
    LINK_LOCAL("must not target a link-local address", false),
    UNSPECIFIED("must not target an unspecified address", false),
    MULTICAST("must not target a multicast address", false),
    BROADCAST("must not target a broadcast address", false),
    RESERVED("must not target a reserved address", false),
    METADATA("must not target a cloud metadata address", false);

    final String message;
    final boolean waivedForPrivateTargets;

    AddressRule(String message, boolean waivedForPrivateTargets) {
        this.message = message;
        this.waivedForPrivateTargets = waivedForPrivateTargets;
    }
}
