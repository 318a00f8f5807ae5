"""The portal's language: Simplified Chinese for everyone who has not chosen another.

Django's LocaleMiddleware follows the browser's Accept-Language, so an English browser got
English where the portal promises Chinese. Here only the reader's own choice counts (the
language switch in the footer, kept in the language cookie); otherwise settings.LANGUAGE_CODE.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code and translation.check_for_language(code):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(LocaleMiddleware):
    """LocaleMiddleware without the Accept-Language guess."""

    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
