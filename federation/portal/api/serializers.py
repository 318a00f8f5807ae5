from rest_framework import serializers

from orgs.models import Organization


class OrganizationSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Organization
        fields = ["code", "name", "kind", "parent_code", "depth", "address", "founded_on",
                  "dissolved_on", "is_active", "population", "female_population", "households",
                  "venue_area", "has_womens_home", "has_womens_school", "has_rights_station",
                  "has_marriage_guidance", "has_childrens_home"]


class CountSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class CommitteeCountSerializer(serializers.Serializer):
    level = serializers.CharField()
    post = serializers.CharField()
    count = serializers.IntegerField()


class RegistryCountsSerializer(serializers.Serializer):
    org = serializers.CharField(help_text="Code of the organization whose subtree is counted")
    organizations = CountSerializer(many=True)
    committee = CommitteeCountSerializer(many=True)
    service_sites = CountSerializer(many=True)
    programmes = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Registry counts of the other programmes (this year where dated); "
                  "counts only, never personal data")


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    value_type = serializers.CharField()
    group = serializers.CharField(source="group.code", allow_null=True)
    is_active = serializers.BooleanField()


class TallyValueSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Indicator code")
    unit = serializers.CharField()
    total = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True,
                                     help_text="null: nothing reported (not the same as 0)")


class TallyTotalsSerializer(serializers.Serializer):
    org = serializers.CharField()
    start = serializers.CharField(help_text="First month, YYYY-MM")
    end = serializers.CharField(help_text="Last month, YYYY-MM")
    values = TallyValueSerializer(many=True)


class DutyKindCountSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="Code of the kind of duty")
    count = serializers.IntegerField()


class DutyFiguresSerializer(serializers.Serializer):
    members = serializers.IntegerField(help_text="Executive members in the period")
    active = serializers.IntegerField(help_text="Members with at least one duty recorded")
    active_share = serializers.IntegerField(allow_null=True, help_text="Per cent")
    duties = serializers.IntegerField()
    women_reached = serializers.IntegerField()
    requests = serializers.IntegerField(help_text="Voices and needs passed up")
    answered = serializers.IntegerField(help_text="Answered or turned into a rights case")
    answer_rate = serializers.IntegerField(allow_null=True, help_text="Per cent")


class StreetDutiesSerializer(DutyFiguresSerializer):
    org = serializers.CharField(help_text="Code of the street")


class CommitteeDutiesSerializer(DutyFiguresSerializer):
    org = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    meetings = serializers.IntegerField()
    by_kind = DutyKindCountSerializer(many=True)
    streets = StreetDutiesSerializer(many=True)
