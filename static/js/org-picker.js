// Organization pickers (orgs.scoping.restrict_org_fields marks them data-org-picker): a search
// box over the tree labels ("街道 › 社区"). Without this script the plain <select> still works.
document.querySelectorAll("select[data-org-picker]").forEach((select) => {
  if (typeof TomSelect === "undefined" || select.tomselect) return;
  const empty = select.dataset.orgPickerEmpty || "";
  const label = select.id ? document.querySelector(`label[for="${select.id}"]`) : null;
  if (label) { select.setAttribute("aria-label", label.textContent.trim()); }
  new TomSelect(select, {
    maxOptions: null,
    allowEmptyOption: true,
    searchField: ["text"],
    render: { no_results: (data, escape) => `<div class="no-results">${escape(empty)}</div>` },
  });
});
