"""URL names of executive members' duties, shared by the scoping walks."""


def duty_cases(duty, voice) -> dict:
    """Every duty URL; object-specific ones point at `duty` and its request `voice`."""
    return {
        "orgs:duties": None, "orgs:duty_create": None, "orgs:duty_requests": None,
        "orgs:duty_review": None, "orgs:duty_idle": None, "orgs:duty_terms": None,
        "orgs:duty": {"pk": duty.pk}, "orgs:duty_edit": {"pk": duty.pk},
        "orgs:duty_photo": {"pk": duty.pk}, "orgs:duty_forward": {"pk": duty.pk},
        "orgs:duty_request": {"pk": voice.pk}, "orgs:duty_request_reveal": {"pk": voice.pk},
        "orgs:duty_request_acknowledge": {"pk": voice.pk},
        "orgs:duty_request_answer": {"pk": voice.pk},
        "orgs:duty_member_account": {"pk": duty.person_id},
    }


DUTY_URL_NAMES = list(duty_cases(type("D", (), {"pk": 1, "person_id": 1}),
                                  type("V", (), {"pk": 1})))
