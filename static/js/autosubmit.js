// Submit a filter form as soon as one of its .js-autosubmit selects changes.
document.querySelectorAll(".js-autosubmit").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});
