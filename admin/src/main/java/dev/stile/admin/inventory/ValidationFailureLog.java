package dev.stile.admin.inventory;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;

/** Failed ACME challenge validations, kept for {@code GET /admin/validation-failures}. */
public interface ValidationFailureLog {

    void append(ValidationFailure failure);

    /** Newest first. */
    Page<ValidationFailure> list(PageRequest page);
}
