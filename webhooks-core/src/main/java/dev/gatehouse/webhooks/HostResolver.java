package dev.gatehouse.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses a connection to it could reach. {@link UrlPolicy} refuses
 * a URL when any of them is off limits. Tests plug in a fixed table instead of DNS.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * Resolves a host name.
     *
     * @param host a DNS name, lowercase, without brackets
     * @return every address the name resolves to; never empty on success
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * Returns the JDK resolver, {@link InetAddress#getAllByName(String)}.
     *
     * @return the system resolver
     */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
