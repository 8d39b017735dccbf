namespace StaffGuideBot.Guidance.Reports;

public enum DecisionKind
{
    ReferToPolice,
    ReferToSocialCare,
    ManageInSchool,
    MoreInformationNeeded,
    AdviceSought,
}
