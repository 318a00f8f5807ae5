from __future__ import annotations

from django.urls import reverse

from federation.kernel import views as kernel


def form_page(request, form, *, title: str, back, success_url=None, done: str = "", save=None):
    """The kernel's form page; Cancel leads back to `back`, or to the overview without one."""
    return kernel.form_page(request, form, title=title, back=back, success_url=success_url,
                            done=done, save=save,
                            back_url="" if back else reverse("children:overview"))
