package eu.delisting.gateway.requests;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** A claimant's filing under one order version: its URLs, as admitted. Written once. */
@Entity
@Table(name = "delisting_request")
public class DelistingRequest {

    @Id
    private String id;

    @Column(name = "order_id", nullable = false)
    private String orderId;

    @Column(name = "order_version", nullable = false)
    private int orderVersion;

    @Column(name = "claimant_id", nullable = false)
    private String claimant;

    @Column(name = "filed_by", nullable = false)
    private String filedBy;

    /** The organisation that filed: the claimant itself, or the agent that filed for it under mandate. */
    @Column(name = "filed_by_organisation", nullable = false)
    private String filedByOrganisation;

    @Column(name = "client_reference")
    private String clientReference;

    @Column(nullable = false)
    private String addressees;

    @Column(name = "filed_at", nullable = false)
    private Instant filedAt;

    @Column(name = "url_count", nullable = false)
    private int urlCount;

    @Column(name = "notice_count", nullable = false)
    private int noticeCount;

    @ElementCollection
    @CollectionTable(name = "request_item", joinColumns = @JoinColumn(name = "request_id"))
    @OrderColumn(name = "position")
    private List<RequestItem> items = new ArrayList<>();

    protected DelistingRequest() {
    }

    static DelistingRequest file(String orderId, int orderVersion, String claimant, String filedByOrganisation,
                                 String filedBy,
                                 String clientReference, List<String> addressees, List<RequestItem> items,
                                 Instant filedAt) {
        DelistingRequest request = new DelistingRequest();
        request.id = UUID.randomUUID().toString();
        request.orderId = orderId;
        request.orderVersion = orderVersion;
        request.claimant = claimant;
        request.filedByOrganisation = filedByOrganisation;
        request.filedBy = filedBy == null ? "" : filedBy;
        request.clientReference = clientReference;
        request.addressees = String.join(",", addressees);
        request.filedAt = filedAt;
        request.urlCount = items.size();
        request.items.addAll(items);
        return request;
    }

    void countNotices(int created) {
        this.noticeCount = created;
    }

    public String id() {
        return id;
    }

    public String orderId() {
        return orderId;
    }

    public int orderVersion() {
        return orderVersion;
    }

    public String claimant() {
        return claimant;
    }

    public String filedByOrganisation() {
        return filedByOrganisation;
    }

    public String clientReference() {
        return clientReference;
    }

    public List<String> addressees() {
        return Arrays.asList(addressees.split(","));
    }

    public Instant filedAt() {
        return filedAt;
    }

    public int urlCount() {
        return urlCount;
    }

    public int noticeCount() {
        return noticeCount;
    }

    public List<RequestItem> items() {
        return Collections.unmodifiableList(items);
    }
}
