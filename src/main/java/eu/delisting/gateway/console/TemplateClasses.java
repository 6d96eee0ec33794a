package eu.delisting.gateway.console;

import eu.delisting.gateway.audit.AuditCheckpoints;
import eu.delisting.gateway.audit.AuditTrail;
import eu.delisting.gateway.compliance.ComplianceService;
import eu.delisting.gateway.notices.NoticeStatus;
import eu.delisting.gateway.notices.NoticeView;
import eu.delisting.gateway.notices.RejectionReason;
import eu.delisting.gateway.orders.AmendmentType;
import eu.delisting.gateway.orders.MirrorService;
import eu.delisting.gateway.orders.OrderHeading;
import eu.delisting.gateway.orders.OrderView;
import eu.delisting.gateway.requests.RequestService;
import eu.delisting.gateway.tenants.Organisation;
import eu.delisting.gateway.tenants.OrganisationKind;
import io.quarkus.qute.TemplateData;

/** The domain records the console's templates read, resolved by generated code (no reflection at render time). */
@TemplateData(target = OrderView.class)
@TemplateData(target = OrderHeading.class)
@TemplateData(target = OrderView.AddresseeView.class)
@TemplateData(target = OrderView.ScopeEntryView.class)
@TemplateData(target = OrderView.VersionView.class)
@TemplateData(target = ComplianceService.Summary.class)
@TemplateData(target = ComplianceService.DelayDistribution.class)
@TemplateData(target = ComplianceService.OverdueSeries.class)
@TemplateData(target = ComplianceService.AddresseeCompliance.class)
@TemplateData(target = ComplianceService.DurationStats.class)
@TemplateData(target = ComplianceService.NoticeLine.class)
@TemplateData(target = NoticeView.class)
@TemplateData(target = NoticeView.AcknowledgementView.class)
@TemplateData(target = NoticeView.MatchedEntry.class)
@TemplateData(target = NoticeStatus.class)
@TemplateData(target = AuditTrail.EventView.class)
@TemplateData(target = AuditTrail.Verification.class)
@TemplateData(target = AuditTrail.Broken.class)
@TemplateData(target = AuditCheckpoints.Checkpoint.class)
@TemplateData(target = ConsolePage.class)
@TemplateData(target = ClaimantConsole.PreviewLine.class)
@TemplateData(target = RequestService.RequestView.class)
@TemplateData(target = RequestService.ItemView.class)
@TemplateData(target = RequestService.SharedNotice.class)
@TemplateData(target = MirrorService.MirrorView.class)
@TemplateData(target = RejectionReason.class)
@TemplateData(target = Organisation.class)
@TemplateData(target = OrganisationKind.class)
@TemplateData(target = AmendmentType.class)
@TemplateData(target = Pages.Viewer.class)
final class TemplateClasses {

    private TemplateClasses() {
    }
}
