from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from children import services
from children.filters import ProjectFilter
from children.forms import MilestoneForm, ProjectFileForm, ProjectForm, SiteEventForm
from children.models import Milestone, Project, ProjectFile
from children.views.common import form_page
from federation.kernel.pagination import paginate
from federation.kernel.permissions import write_required
from federation.kernel.spreadsheets import xlsx_response
from orgs.scoping import get_visible_or_404


def _projects(request) -> ProjectFilter:
    projects = (Project.objects.visible_to(request.user).with_progress()
                .select_related("domain", "org"))
    return ProjectFilter(request.GET or None, queryset=projects, request=request)


@login_required
def project_list(request):
    filterset = _projects(request)
    return render(request, "children/project_list.html", {
        "filter": filterset, "page": paginate(request, filterset.qs, per_page=30)})


@login_required
def project_export(request):
    columns = [(_("project name"), 30), (_("domain"), 16), (_("organization"), 20),
               (_("status"), 12), (_("lead unit"), 20), (_("planned area (m²)"), 12),
               (_("completed area (m²)"), 12), (_("progress (%)"), 10), (_("budget (yuan)"), 14),
               (_("spent (yuan)"), 14), (_("start date"), 12), (_("planned end"), 12),
               (_("completed on"), 12)]
    rows = ((p.name, p.domain.name, p.org.name, p.get_status_display(), p.lead_unit,
             p.planned_area, p.completed_area, p.progress, p.budget, p.spent, p.starts_on,
             p.planned_end, p.completed_on) for p in _projects(request).qs.iterator(2000))
    return xlsx_response("child-friendly-projects", _("Child-friendly projects"), columns, rows)


@login_required
def project_detail(request, pk: int):
    project = get_visible_or_404(Project.objects.with_progress().select_related("domain", "org"),
                                 request.user, pk=pk)
    return render(request, "children/project_detail.html", {
        "project": project, "milestones": list(project.milestones.all()),
        "files": project.files.all(),
        "events": project.events.select_related("activity")[:50]})


@write_required
def project_create(request):
    form = ProjectForm(request.POST or None, user=request.user)
    return form_page(request, form, title=_("New child-friendly project"), back=None)[0]


@write_required
def project_edit(request, pk: int):
    project = get_visible_or_404(Project.objects, request.user, pk=pk)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    return form_page(request, form, title=project.name, back=project)[0]


@write_required
def milestone_create(request, project_pk: int):
    project = get_visible_or_404(Project.objects, request.user, pk=project_pk)
    form = MilestoneForm(request.POST or None, instance=Milestone(project=project))
    return form_page(request, form, title=_("New milestone"), back=project,
                     success_url=project.get_absolute_url())[0]


@write_required
def milestone_edit(request, pk: int):
    milestone = get_visible_or_404(Milestone.objects.select_related("project"),
                                   request.user, pk=pk)
    form = MilestoneForm(request.POST or None, instance=milestone)
    return form_page(request, form, title=milestone.title, back=milestone.project,
                     success_url=milestone.project.get_absolute_url())[0]


@write_required
def file_upload(request, project_pk: int):
    project = get_visible_or_404(Project.objects, request.user, pk=project_pk)
    form = ProjectFileForm(request.POST or None, request.FILES or None,
                           instance=ProjectFile(project=project, uploaded_by=request.user))
    return form_page(request, form, title=_("Add a document or photo"), back=project,
                     success_url=project.get_absolute_url(), done=_("File uploaded."))[0]


@require_POST
@write_required
def milestone_delete(request, pk: int):
    milestone = get_visible_or_404(Milestone.objects.select_related("project"),
                                   request.user, pk=pk)
    milestone.delete()
    messages.success(request, _("Milestone removed."))
    return redirect(milestone.project)


@require_POST
@write_required
def file_delete(request, pk: int):
    item = get_visible_or_404(ProjectFile.objects.select_related("project"), request.user, pk=pk)
    services.remove_project_file(item)
    messages.success(request, _("File removed."))
    return redirect(item.project)


@login_required
def file_download(request, pk: int):
    """Files are served through the scope check, never from a public media URL."""
    item = get_visible_or_404(ProjectFile.objects, request.user, pk=pk)
    inline = item.kind == ProjectFile.Kind.PHOTO
    return FileResponse(item.file.open("rb"), as_attachment=not inline,
                        filename=item.file.name.rsplit("/", 1)[-1])


@write_required
def event_create(request, project_pk: int):
    project = get_visible_or_404(Project.objects, request.user, pk=project_pk)
    form = SiteEventForm(request.POST or None, project=project, user=request.user)
    return form_page(request, form, title=_("Record an activity at the site"), back=project,
                     success_url=project.get_absolute_url(),
                     done=_("Saved; the activity is in the activity log too."),
                     save=services.record_site_event)[0]
