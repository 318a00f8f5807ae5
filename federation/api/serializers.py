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
