// Package businesses wraps HighLevel's businesses API: get, list by location, create, update and delete the
// businesses (companies) a location's contacts belong to.
//
// Scopes: businesses.readonly for Get, List and ListAll; businesses.write for Create, Update and Delete. Every
// operation sends Version 2021-07-28, as the businesses spec names.
//
// Reads, updates and deletes are retried on transient failures. A create is never sent again once it may
// have reached HighLevel; see Service.Create for how an ambiguous failure is settled.
//
// The contacts of a business are listed by the contacts package (contacts.Service.ListByBusiness), and moved
// in and out of it with contacts.Service.BulkBusiness.
package businesses
