namespace Helpdesk.Mail.Mime;
