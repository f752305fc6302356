namespace Helpdesk.Classification;
