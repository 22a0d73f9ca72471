package org.openkyc.review;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.swagger.v3.oas.annotations.Hidden;

/** The console's pages for people (issue 17): server-rendered, usable without JavaScript. */
@Hidden
@Controller
class ConsoleController {

    @GetMapping("/console/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String locked,
                 @RequestParam(required = false) String expired, @RequestParam(required = false) String logout, Model model) {
        String message = error != null ? "Wrong username or password."
                : locked != null ? "This account is locked after " + ReviewerLogin.FAILURES_BEFORE_LOCK
                        + " failed logins in a row. Try again later, or ask the operator."
                : expired != null ? "Your session ended. Please sign in again."
                : logout != null ? "You are signed out." : null;
        model.addAttribute("message", message);
        model.addAttribute("problem", error != null || locked != null);
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String home(@AuthenticationPrincipal ReviewerPrincipal me, Model model) {
        model.addAttribute("me", me);
        return "console/home";
    }
}
